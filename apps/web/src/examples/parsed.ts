import type { Workflow } from '@switchyard/schema';
import { parseExample } from '../checks/checks';
import { EXAMPLES } from './index';

/** Every example parsed, for tests (the app parses one when it is opened). */
export const PARSED_EXAMPLES: ReadonlyArray<{ key: string; workflow: Workflow }> = EXAMPLES.map((example) => ({ key: example.key, workflow: parseExample(example) }));
