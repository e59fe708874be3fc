import type { NodeTypeInfo } from '@switchyard/schema';
import { useChecks } from '../checks/loadChecks';
import { CheckboxField, JsonField, NumberField, SelectField, TextField } from './Fields';
import { CodeField } from './code/CodeField';
import { displayValue, parseText, withParam, type FieldSpec } from './schemaFields';

export interface ParamsFormProps {
  /** The node type; its fields come from its params schema, loaded with the checks. */
  info: NodeTypeInfo;
  params: Record<string, unknown> | undefined;
  /** `field` names the edited param, so that typing in one field is one undo step. */
  onChange: (params: Record<string, unknown>, field: string) => void;
}

/** One field's widget; `testName` names it in tests (`auth.credential` inside a variant). */
function FieldInput({ field, testName, value, template, onChange }: { field: FieldSpec; testName: string; value: unknown; template: boolean; onChange: (value: unknown) => void }) {
  // A value of the wrong shape for the widget (e.g. a template in a select) falls back to JSON editing.
  const kind =
    (field.kind === 'select' || field.kind === 'variant') && value !== undefined && typeof value !== (field.kind === 'select' ? 'string' : 'object')
      ? 'json'
      : field.kind === 'boolean' && value !== undefined && typeof value !== 'boolean'
        ? 'text'
        : field.kind;
  switch (kind) {
    case 'variant':
      return <VariantInput field={field} testName={testName} value={value as Record<string, unknown> | undefined} onChange={onChange} />;
    case 'select':
      return <SelectField name={testName} label={field.name} value={value as string | undefined} options={field.options} required={field.required} hint={field.description} onChange={onChange} />;
    case 'boolean':
      return <CheckboxField name={testName} label={field.name} checked={value === true} onChange={onChange} />;
    case 'number':
      return <NumberField name={testName} label={field.name} value={typeof value === 'number' ? value : undefined} hint={field.description} onChange={onChange} />;
    case 'code':
      return <CodeField name={testName} label={field.name} value={typeof value === 'string' ? value : ''} required={field.required} hint={field.description} onChange={(text) => onChange(text === '' ? undefined : text)} />;
    case 'json':
      return <JsonField name={testName} label={field.name} value={value} required={field.required} hint={field.description} textAllowed={field.accepts.has('string')} onChange={onChange} />;
    case 'text':
      return (
        <TextField
          name={testName}
          label={field.name}
          value={displayValue(field, value)}
          required={field.required}
          hint={field.description}
          suggestions={field.options}
          template={template}
          onChange={(text) => onChange(parseText(field, text))}
        />
      );
  }
}

/**
 * An object that is one of several shapes (a webhook's `auth`): the shape by name, then the
 * fields that shape needs. Changing the shape keeps the values the new one also has.
 */
function VariantInput({ field, testName, value, onChange }: { field: FieldSpec; testName: string; value: Record<string, unknown> | undefined; onChange: (value: unknown) => void }) {
  const kind = typeof value?.['kind'] === 'string' ? value['kind'] : undefined;
  const variant = field.variants?.find((v) => v.kind === kind);
  const choose = (next: string | undefined): void => {
    const chosen = field.variants?.find((v) => v.kind === next);
    if (!chosen) return onChange(undefined);
    const kept = Object.fromEntries(chosen.fields.filter((f) => value?.[f.name] !== undefined).map((f) => [f.name, value?.[f.name]]));
    onChange({ kind: chosen.kind, ...kept });
  };
  return (
    <fieldset className="fieldset" data-testid={`variant-${testName}`}>
      <SelectField name={testName} label={field.name} value={kind} options={field.options} required={field.required} hint={field.description} onChange={choose} />
      {variant?.fields.map((sub) => (
        <FieldInput key={sub.name} field={sub} testName={`${testName}.${sub.name}`} value={value?.[sub.name]} template={false} onChange={(v) => onChange(withParam(value, sub.name, v))} />
      ))}
    </fieldset>
  );
}

/** The Parameters tab: one field per property of the type's param schema. */
export function ParamsForm({ info, params, onChange }: ParamsFormProps) {
  const checks = useChecks();
  if (checks === undefined) return <p className="muted" data-testid="params-loading">Loading the parameters…</p>;
  const fields = checks.paramFields(info.type) ?? [];
  if (fields.length === 0) return <p className="muted" data-testid="params-empty">This node type has no parameters.</p>;
  const isTemplate = (name: string): boolean => !info.isTrigger && !(info.isTemplateExempt?.([name]) ?? false);
  const hookPath = info.type === 'trigger.webhook' && typeof params?.['path'] === 'string' && params['path'] !== '' ? params['path'] : undefined;
  return (
    <div className="params-form" data-testid="params-form">
      {hookPath !== undefined && (
        // What to paste into the sender's webhook settings (this server as the browser reaches it).
        <p className="field__hint" data-testid="webhook-url">
          Webhook URL: <code>{`${window.location.origin}/hooks/${hookPath}`}</code>
        </p>
      )}
      {fields.map((field) => (
        <FieldInput key={field.name} field={field} testName={field.name} value={params?.[field.name]} template={isTemplate(field.name)} onChange={(v) => onChange(withParam(params, field.name, v), field.name)} />
      ))}
    </div>
  );
}
