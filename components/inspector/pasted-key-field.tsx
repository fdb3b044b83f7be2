"use client";

import { useRef, useState } from "react";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { parsePublicKey } from "@/lib/token/keys";
import type { KeySet } from "@/lib/token/verify";

/** A public key (PEM SPKI, X.509 certificate, JWK or JWK Set), parsed as the user types. */
export function PastedKeyField({ onKeys }: { onKeys: (keys: KeySet | undefined) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const latest = useRef(0);

  function change(value: string) {
    setText(value);
    const run = ++latest.current;
    if (!value.trim()) {
      setError(undefined);
      onKeys(undefined);
      return;
    }
    void parsePublicKey(value).then((parsed) => {
      if (run !== latest.current) return;
      setError(parsed.ok ? undefined : parsed.message);
      onKeys(parsed.ok ? { jwks: parsed.jwks, label: parsed.label } : undefined);
    });
  }

  return (
    <div>
      <Label htmlFor="inspect-public-key">Public key</Label>
      <Textarea
        id="inspect-public-key"
        rows={5}
        value={text}
        onChange={(event) => change(event.target.value)}
        spellCheck={false}
        autoComplete="off"
        placeholder="-----BEGIN PUBLIC KEY-----"
        aria-invalid={error ? true : undefined}
        aria-describedby={
          error ? "inspect-public-key-hint inspect-public-key-error" : "inspect-public-key-hint"
        }
      />
      <Hint id="inspect-public-key-hint">
        PEM (PUBLIC KEY or CERTIFICATE), a JWK or a JWK Set in JSON.
      </Hint>
      <FieldError id="inspect-public-key-error" message={error} />
    </div>
  );
}
