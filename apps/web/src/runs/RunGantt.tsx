import { memo } from 'react';
import type { Gantt } from './timeline';
import { formatDuration, nodeLook } from './run-model';
import { outcomeLook } from './AttemptTimeline';

/** One row per node, attempts as bars on the run's time axis; rows of nodes that never ran are faded. */
export const RunGantt = memo(function RunGantt({ gantt, onSelect }: { gantt: Gantt; onSelect: (nodeId: string) => void }) {
  return (
    <section className="run-gantt" aria-label="Timeline of the whole run" data-testid="run-gantt">
      <h3>
        Timeline <span className="run-muted">({formatDuration(gantt.endMs - gantt.startMs)})</span>
      </h3>
      <div className="run-gantt__rows">
        {gantt.rows.map((row) => {
          const look = nodeLook(row);
          return (
            <div key={row.nodeId} className={`run-gantt__row${row.bars.length === 0 ? ' run-gantt__row--idle' : ''}`}>
              <button type="button" className="run-gantt__name" onClick={() => onSelect(row.nodeId)} title={`${row.nodeId}: ${look.word}`}>
                <span style={{ color: look.colour }} aria-hidden>
                  {look.icon}
                </span>{' '}
                {row.nodeId}
              </button>
              <div className="run-gantt__track">
                {row.bars.map((bar) => (
                  <span
                    key={bar.number}
                    className="run-gantt__bar"
                    style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%`, background: outcomeLook(bar.outcome).colour }}
                    title={bar.label}
                  />
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
});
