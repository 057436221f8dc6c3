import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "data/", "test-results/", "playwright-report/", "models/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The layering rule from the style guide: models/ imports neither app/ nor workers/; workers/ never imports app/.
    files: ["models/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/app/*", "**/workers/*"] }] },
  },
  {
    files: ["workers/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/app/*"] }] },
  },
);
