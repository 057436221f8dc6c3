import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A sponsoring employer. Registration and membership flows come with the employer portal. */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Korean business registration number (10 digits), unique when present. */
  registrationNumber: text("registration_number").unique(),
  industry: text("industry").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Organization = typeof organizations.$inferSelect;
