import { twMerge, type ClassNameValue } from "tailwind-merge";

/**
 * Joins class names, dropping falsy ones, and resolves Tailwind conflicts so a later class wins:
 * `cn("px-3 py-2", className)` lets a caller's `px-2` replace the primitive's `px-3` instead of both
 * ending up in the class list, where the stylesheet's order (not the caller) would decide.
 */
export function cn(...inputs: ClassNameValue[]): string {
  return twMerge(inputs);
}
