"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";

/** `a, b, ""` ⇄ ["a", "b", ""]: a comma-separated list where `""` stands for the empty string. */
function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => (s === '""' ? "" : s));
}

function formatList(values: readonly string[] | undefined): string {
  return (values ?? []).map((v) => (v === "" ? '""' : v)).join(", ");
}

type Props = Omit<React.ComponentProps<"input">, "value" | "onChange"> & {
  value: string[] | undefined;
  onChange: (value: string[]) => void;
};

/** Keeps what the user typed verbatim while handing the parsed list to the form. */
export function ListInput({ value, onChange, ...props }: Props) {
  const [text, setText] = useState(() => formatList(value));
  const [last, setLast] = useState(value);
  if (value !== last) {
    setLast(value);
    if (formatList(value) !== formatList(parseList(text))) setText(formatList(value));
  }
  return (
    <Input
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseList(e.target.value);
        setLast(parsed);
        onChange(parsed);
      }}
    />
  );
}
