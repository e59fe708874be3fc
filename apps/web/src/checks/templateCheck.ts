import { parseTemplate, TemplateSyntaxError } from '@switchyard/expressions';

/** The inline parse error of a template text, or null when it parses (or is no template). */
export function templateError(text: string): string | null {
  if (!text.includes('{{')) return null;
  try {
    parseTemplate(text);
    return null;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return `${error.message} (at character ${error.offset + 1})`;
    return error instanceof Error ? error.message : 'this template does not parse';
  }
}
