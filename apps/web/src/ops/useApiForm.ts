import { useState } from 'react';
import { OpsApiError, opsErrorMessage } from './ops-api';

export interface ApiForm {
  /** Runs `save`; a refusal is kept as a message and the issues by field path (`bulkhead.maxConcurrent`). */
  submit(save: () => Promise<void>): Promise<void>;
  saving: boolean;
  error: string | null;
  issues: ReadonlyMap<string, string>;
}

/** What the ops forms share: saving once at a time, and the server's refusal in words and by field. */
export function useApiForm(): ApiForm {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ReadonlyMap<string, string>>(new Map());
  return {
    saving,
    error,
    issues,
    async submit(save) {
      setSaving(true);
      setError(null);
      setIssues(new Map());
      try {
        await save();
      } catch (err) {
        setError(opsErrorMessage(err));
        if (err instanceof OpsApiError) setIssues(new Map(err.issues.map((i) => [i.path.join('.'), i.message])));
      } finally {
        setSaving(false);
      }
    },
  };
}
