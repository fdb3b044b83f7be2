import type { Metadata } from "next";

export const metadata: Metadata = { title: "Issue token" };

export default function NewTokenPage() {
  return <h1 className="text-2xl font-semibold">Issue a Direct Cluster Endpoint Token</h1>;
}
