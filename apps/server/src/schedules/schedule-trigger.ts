import { parseCron, scheduleSettings, TriggerScheduleParams } from '@switchyard/nodes';
import type { CronSchedule, ScheduleSettings } from '@switchyard/nodes';
import type { Workflow } from '@switchyard/schema';

export interface ScheduleTrigger {
  nodeId: string;
  settings: ScheduleSettings;
  schedule: CronSchedule;
  /** Equal for two versions whose trigger fires at the same times: an update that keeps it keeps the plan. */
  planKey: string;
}

/** The workflow version's schedule trigger (a workflow has exactly one trigger), defaults applied. */
export function scheduleTriggerOf(definition: Workflow): ScheduleTrigger | undefined {
  const node = definition.nodes.find((n) => n.type === 'trigger.schedule');
  if (node === undefined) return undefined;
  // Stored workflows were validated, so these parse; a failure would be a stored-data bug.
  const params = TriggerScheduleParams.safeParse(node.params ?? {});
  if (!params.success) return undefined;
  const settings = scheduleSettings(params.data);
  const parsed = parseCron(settings.cron, settings.timezone);
  if (!parsed.ok) return undefined;
  return { nodeId: node.id, settings, schedule: parsed.schedule, planKey: `${node.id}\n${settings.cron}\n${settings.timezone}` };
}
