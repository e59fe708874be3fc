import { EXAMPLES } from '../examples';
import { useEditorStore } from '../store/EditorContext';

/** An empty canvas teaches: start with a trigger, or open one of the examples. */
export function EmptyCanvas() {
  const store = useEditorStore();
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <p>Start with a trigger from the palette on the left, or open an example:</p>
      <ul>
        {EXAMPLES.map(({ key, workflow }) => (
          <li key={key}>
            <button
              type="button"
              data-testid={`example-${key}`}
              onClick={() => {
                store.getState().replaceWorkflow(workflow);
              }}
            >
              {workflow.name}
            </button>
            <span className="empty-canvas__description">{workflow.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
