import { zodResolver } from "@hookform/resolvers/zod";
import { TokenForm } from "@/lib/scope/form-schema";

/** The builder's react-hook-form resolver: TokenForm, loaded after the page (see deferred.ts). */
export const tokenFormResolver = zodResolver(TokenForm);
