"use client";

import { createContext, useContext } from "react";
import type { IssuancePolicy } from "@/lib/policy/policy";

/**
 * The console's issuance policy, for the builder's fields that offer only what it allows; undefined
 * outside the builder's provider: no policy limits anything.
 */
export const PolicyContext = createContext<IssuancePolicy | undefined>(undefined);

export const usePolicy = () => useContext(PolicyContext);
