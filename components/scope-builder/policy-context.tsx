"use client";

import { createContext, useContext } from "react";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";

/** The console's issuance policy, for the builder's fields that offer only what it allows. */
export const PolicyContext = createContext<IssuancePolicy>(OPEN_POLICY);

export const usePolicy = () => useContext(PolicyContext);
