/// <reference types="@remix-run/node" />
/// <reference types="vite/client" />
import type { Services } from "./models/platform/services";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    /** The client's address as the server saw it (for the audit trail). */
    ip: string | null;
    /** The Content-Security-Policy nonce of this response (server.ts); absent in tests that call routes directly. */
    cspNonce?: string;
  }
}
