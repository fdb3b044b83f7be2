import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The dashboard reaches the local platform over HTTP only (one code path for local and real platforms).
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/local-platform*", "@/lib/local-platform/**"],
              message: "Talk to the platform over HTTP through lib/management.",
            },
          ],
        },
      ],
    },
  },
  {
    // One home per feature: no import circles, and a function longer than 80 lines says why beside
    // it (an eslint-disable comment with its reason).
    files: ["{app,components,lib}/**/*.{ts,tsx,mjs}"],
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  globalIgnores([
    ".bench/**",
    ".data*/**",
    ".next/**",
    "node_modules/**",
    ".data/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
