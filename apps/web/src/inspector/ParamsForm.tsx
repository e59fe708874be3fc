import type { NodeTypeInfo } from '@switchyard/schema';
import { useChecks } from '../checks/loadChecks';
import { CheckboxField, JsonField, NumberField, SelectField, TextField } from './Fields';
import { displayValue, parseText, withParam, type FieldSpec } from './schemaFields';

export interface ParamsFormProps {
  /** The node type; its fields come from its params schema, loaded with the checks. */
  info: NodeTypeInfo;
  params: Record<string, unknown> | undefined;
  /** `field` names the edited param, so that typing in one field is one undo step. */
  onChange: (params: Record<string, unknown>, field: string) => void;
}

/** The Parameters tab: one field per property of the type's param schema. */
export function ParamsForm({ info, params, onChange }: ParamsFormProps) {
  const checks = useChecks();
  if (checks === undefined) return <p className="muted" data-testid="params-loading">Loading the parameters…</p>;
  const fields = checks.paramFields(info.type) ?? [];
  if (fields.length === 0) return <p className="muted" data-testid="params-empty">This node type has no parameters.</p>;
  const set = (field: FieldSpec, value: unknown): void => onChange(withParam(params, field.name, value), field.name);
  const isTemplate = (name: string): boolean => !info.isTrigger && !(info.isTemplateExempt?.([name]) ?? false);
  return (
    <div className="params-form" data-testid="params-form">
      {fields.map((field) => {
        const value = params?.[field.name];
        // A value of the wrong shape for the widget (e.g. a template in a select) falls back to JSON editing.
        const kind = field.kind === 'select' && value !== undefined && typeof value !== 'string' ? 'json' : field.kind === 'boolean' && value !== undefined && typeof value !== 'boolean' ? 'text' : field.kind;
        switch (kind) {
          case 'select':
            return <SelectField key={field.name} name={field.name} label={field.name} value={value as string | undefined} options={field.options} required={field.required} hint={field.description} onChange={(v) => set(field, v)} />;
          case 'boolean':
            return <CheckboxField key={field.name} name={field.name} label={field.name} checked={value === true} onChange={(v) => set(field, v)} />;
          case 'number':
            return <NumberField key={field.name} name={field.name} label={field.name} value={typeof value === 'number' ? value : undefined} hint={field.description} onChange={(v) => set(field, v)} />;
          case 'json':
            return <JsonField key={field.name} name={field.name} label={field.name} value={value} required={field.required} hint={field.description} textAllowed={field.accepts.has('string')} onChange={(v) => set(field, v)} />;
          case 'text':
            return (
              <TextField
                key={field.name}
                name={field.name}
                label={field.name}
                value={displayValue(field, value)}
                required={field.required}
                hint={field.description}
                suggestions={field.options}
                template={isTemplate(field.name)}
                onChange={(text) => set(field, parseText(field, text))}
              />
            );
        }
      })}
    </div>
  );
}
