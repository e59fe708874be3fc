import { memo, useContext } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { HANDLE_FAILURE, HANDLE_IN, HANDLE_IN_TOP, HANDLE_MAIN, HANDLE_UNDO, branchHandleId } from '../graph/handles';
import { GROUP_ICON, minCardHeight, outputLabel } from './cardModel';
import { NearDetailContext } from './far/nearDetail';
import { estimatedCardHeight, type CardNode } from './toFlow';

function NodeCardView({ data, selected }: NodeProps<CardNode>) {
  const errors = data.issues.filter((i) => i.severity === 'error');
  const warnings = data.issues.filter((i) => i.severity === 'warning');
  const classes = ['node-card', `node-card--${data.role}`, selected ? 'is-selected' : '', errors.length > 0 ? 'has-error' : ''].filter(Boolean).join(' ');
  const outputs = data.outputs;
  // Handles are near-view detail: in the far view the canvas draws them (NearDetailContext).
  const handles = useContext(NearDetailContext);
  // A large workflow opens in the far view, where the canvas draws every card: until the view
  // first comes near, a card is an empty box of its estimated size (hit-testable, draggable),
  // which renders and measures several times faster than the full card on a cold page.
  if (!handles) return <div className={`${classes} node-card--shell`} data-testid={`node-card-${data.node.id}`} style={{ height: estimatedCardHeight(data.badges.length) }} />;
  return (
    <div className={classes} data-testid={`node-card-${data.node.id}`} style={{ minHeight: minCardHeight(outputs) }}>
      {data.node.retry && (
        <div className="node-card__retry-loop" title="Retry policy" data-testid={`retry-loop-${data.node.id}`}>
          ↻ {data.badges.find((b) => b.kind === 'retry')?.text}
        </div>
      )}
      {handles && !data.isTrigger && <Handle type="target" position={Position.Left} id={HANDLE_IN} className="handle handle--in" />}
      {handles && !data.isTrigger && <Handle type="target" position={Position.Top} id={HANDLE_IN_TOP} className="handle handle--in-top" />}
      <div className="node-card__header">
        <span className="node-card__icon" aria-hidden>
          {GROUP_ICON[data.group] ?? '?'}
        </span>
        <span className="node-card__title" title={data.node.id}>
          {data.title}
        </span>
        {data.chip && <span className="node-card__chip">{data.chip}</span>}
      </div>
      <div className="node-card__type">
        <span className="node-card__type-text">
          {data.typeTitle}
          {data.title !== data.node.id ? ` · ${data.node.id}` : ''}
        </span>
        {data.timeout && (
          <span className="node-card__timeout" title="Timeout per attempt">
            timeout {data.timeout}
          </span>
        )}
      </div>
      <div className="node-card__body">
        <span className="node-card__summary" title={data.summary}>
          {data.summary}
        </span>
      </div>
      {data.badges.length > 0 && (
        <div className="node-card__badges">
          {data.badges
            .filter((b) => b.kind !== 'retry')
            .map((b, i) => (
              <span key={`${b.kind}-${i}`} className={`badge badge--${b.kind}`} title={b.title}>
                <span aria-hidden>{b.icon}</span> {b.text}
              </span>
            ))}
        </div>
      )}
      {(errors.length > 0 || warnings.length > 0) && (
        <div className="node-card__issues" title={data.issues.map((i) => i.message).join('\n')} data-testid={`node-issues-${data.node.id}`}>
          {errors.length > 0 && <span className="issue-count issue-count--error">✖ {errors.length}</span>}
          {warnings.length > 0 && <span className="issue-count issue-count--warning">▲ {warnings.length}</span>}
          <span className="node-card__issue-text">{(errors[0] ?? warnings[0])?.message}</span>
        </div>
      )}
      {!handles ? null : outputs === null ? (
        <Handle type="source" position={Position.Right} id={HANDLE_MAIN} className="handle handle--main" />
      ) : (
        outputs.map((output, i) => (
          <Handle
            key={output}
            type="source"
            position={Position.Right}
            id={branchHandleId(output)}
            className="handle handle--branch"
            style={{ top: `${((i + 1) * 100) / (outputs.length + 1)}%` }}
          >
            <span className="handle__label" title={output}>
              {outputLabel(output)}
            </span>
          </Handle>
        ))
      )}
      {handles && data.canFail && !data.isTrigger && (
        <Handle type="source" position={Position.Bottom} id={HANDLE_FAILURE} className="handle handle--failure" style={{ left: '85%' }} title="On failure: drag to a fallback node" />
      )}
      {handles && !data.isTrigger && (
        <Handle type="source" position={Position.Bottom} id={HANDLE_UNDO} className="handle handle--undo" style={{ left: '15%' }} title="Undo: drag to a compensation node" />
      )}
    </div>
  );
}

export const NodeCard = memo(NodeCardView);
