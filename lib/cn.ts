import { createTailwindMerge, validators, type ClassNameValue } from "tailwind-merge";

const { isArbitraryValue, isArbitraryVariable, isFraction, isNumber, isTshirtSize } = validators;

const arbitrary = [isArbitraryVariable, isArbitraryValue];
const spacing = ["px", isNumber, ...arbitrary];
const margin = ["auto", ...spacing];
/** A palette colour (`red-700`, `white`), optionally with an opacity (`sky-700/60`), or arbitrary. */
const color = [
  (value: string) => /^(?:[a-z]+-\d{2,3}|white|black|transparent|current|inherit)$/.test(value),
  ...arbitrary,
];

/**
 * tailwind-merge with only the class groups the UI primitives set and their callers override:
 * display, alignment, gap, padding, margin, space between, width, font size and weight, text,
 * background and border colours, border width, radius and cursor. Its full configuration (every
 * Tailwind utility) weighs about 8 KB gzipped on every page's first load; classes outside these
 * groups are kept as they are, never dropped, so a caller's override outside them needs a group here.
 */
const merge = createTailwindMerge(() => ({
  cacheSize: 500,
  theme: {},
  classGroups: {
    display: [
      "block",
      "inline-block",
      "inline",
      "flex",
      "inline-flex",
      "grid",
      "inline-grid",
      "contents",
      "hidden",
    ],
    "align-items": [{ items: ["start", "end", "center", "stretch", "baseline"] }],
    "justify-content": [
      { justify: ["start", "end", "center", "between", "around", "evenly", "stretch", "normal"] },
    ],
    gap: [{ gap: spacing }],
    "gap-x": [{ "gap-x": spacing }],
    "gap-y": [{ "gap-y": spacing }],
    p: [{ p: spacing }],
    px: [{ px: spacing }],
    py: [{ py: spacing }],
    pt: [{ pt: spacing }],
    pr: [{ pr: spacing }],
    pb: [{ pb: spacing }],
    pl: [{ pl: spacing }],
    m: [{ m: margin }],
    mx: [{ mx: margin }],
    my: [{ my: margin }],
    mt: [{ mt: margin }],
    mr: [{ mr: margin }],
    mb: [{ mb: margin }],
    ml: [{ ml: margin }],
    "space-x": [{ "space-x": spacing }],
    "space-y": [{ "space-y": spacing }],
    w: [{ w: [isFraction, "auto", "full", "screen", "min", "max", "fit", ...spacing] }],
    "font-size": [{ text: ["base", isTshirtSize, ...arbitrary] }],
    "font-weight": [
      {
        font: [
          "thin",
          "extralight",
          "light",
          "normal",
          "medium",
          "semibold",
          "bold",
          "extrabold",
          "black",
        ],
      },
    ],
    "text-color": [{ text: color }],
    "bg-color": [{ bg: color }],
    "border-w": [{ border: ["", isNumber] }],
    "border-color": [{ border: color }],
    rounded: [{ rounded: ["", "none", "full", isTshirtSize] }],
    cursor: [{ cursor: ["auto", "default", "pointer", "wait", "text", "not-allowed", "none"] }],
  },
  conflictingClassGroups: {
    gap: ["gap-x", "gap-y"],
    p: ["px", "py", "pt", "pr", "pb", "pl"],
    px: ["pr", "pl"],
    py: ["pt", "pb"],
    m: ["mx", "my", "mt", "mr", "mb", "ml"],
    mx: ["mr", "ml"],
    my: ["mt", "mb"],
  },
  conflictingClassGroupModifiers: {},
  orderSensitiveModifiers: ["placeholder"],
}));

/**
 * Joins class names, dropping falsy ones, and resolves Tailwind conflicts so a later class wins:
 * `cn("px-3 py-2", className)` lets a caller's `px-2` replace the primitive's `px-3` instead of both
 * ending up in the class list, where the stylesheet's order (not the caller) would decide.
 */
export function cn(...inputs: ClassNameValue[]): string {
  return merge(inputs);
}
