import type { Metadata } from "next";

export const metadata: Metadata = { title: "Inspect token" };

export default function InspectTokenPage() {
  return <h1 className="text-2xl font-semibold">Inspect a token</h1>;
}
