import { useReactFlow } from '@xyflow/react';
import { loadChecks } from '../checks/loadChecks';
import { EXAMPLES } from '../examples';
import { useEditorStore } from '../store/EditorContext';

/** An empty canvas teaches: start with a trigger, or open one of the examples. */
export function EmptyCanvas() {
  const store = useEditorStore();
  const flow = useReactFlow();
  // An example is laid out by ELK (the real card size, the main path straight, the failure plan
  // beneath) rather than at its hand-written positions, which are too tight for today's cards.
  const open = async (example: (typeof EXAMPLES)[number]): Promise<void> => {
    const checks = await loadChecks();
    store.getState().replaceWorkflow(checks.parseExample(example));
    await store.getState().layout();
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1 }));
  };
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <p>Start with a trigger from the palette on the left, or open an example:</p>
      <ul>
        {EXAMPLES.map((example) => (
          <li key={example.key}>
            <button
              type="button"
              data-testid={`example-${example.key}`}
              onClick={() => void open(example)}
            >
              {example.name}
            </button>
            <span className="empty-canvas__description">{example.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
