"use client";

import { useId, useState } from "react";
import { ExplanationView } from "@/components/explain/explanation-view";
import {
  useExplanation,
  type ExplainSetting,
  type ExplainSubject,
} from "@/components/explain/use-explanation";
import { Hint, Label } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";

/**
 * "Why was it refused?": what the client printed (a kubectl error, a Status, a URL with its code)
 * and, when that names no URL, the server from the kubeconfig; the explanation follows as typed.
 * Nothing is sent anywhere: the checks run in the browser.
 */
export function ExplainRefusal({
  subject,
  ...setting
}: ExplainSetting & { subject: ExplainSubject }) {
  const [printed, setPrinted] = useState("");
  const [server, setServer] = useState("");
  const explained = useExplanation(subject, printed, server, setting);
  const id = useId();
  return (
    <div className="space-y-3">
      <div>
        <Label htmlFor={`${id}-printed`}>What the client printed</Label>
        <Textarea
          id={`${id}-printed`}
          rows={4}
          value={printed}
          onChange={(e) => setPrinted(e.target.value)}
          spellCheck={false}
          aria-describedby={`${id}-printed-hint`}
          placeholder={
            "Error from server (Forbidden): pods is forbidden: …\nor GET https://…/kubernetes/project/…/api/v1/pods 403\nor a Status JSON"
          }
        />
        <Hint id={`${id}-printed-hint`}>
          kubectl&apos;s error line, a Kubernetes Status, or the URL with its HTTP code (
          <code>kubectl -v=6</code> prints it).
        </Hint>
      </div>
      <div>
        <Label htmlFor={`${id}-server`}>Server URL (when the text has none)</Label>
        <Input
          id={`${id}-server`}
          value={server}
          onChange={(e) => setServer(e.target.value)}
          spellCheck={false}
          placeholder="https://…/kubernetes/project/default/virtualcluster/x"
          aria-describedby={`${id}-server-hint`}
        />
        <Hint id={`${id}-server-hint`}>The kubeconfig cluster&apos;s server.</Hint>
      </div>
      <ExplanationView explained={explained} subject={subject} />
    </div>
  );
}
