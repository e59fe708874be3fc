import { loadChecks } from '../checks/loadChecks';
import { EXAMPLES } from '../examples';
import { useEditorStore } from '../store/EditorContext';

/** An empty canvas teaches: start with a trigger, or open one of the examples. */
export function EmptyCanvas() {
  const store = useEditorStore();
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <p>Start with a trigger from the palette on the left, or open an example:</p>
      <ul>
        {EXAMPLES.map((example) => (
          <li key={example.key}>
            <button
              type="button"
              data-testid={`example-${example.key}`}
              onClick={() => {
                void loadChecks().then((checks) => store.getState().replaceWorkflow(checks.parseExample(example)));
              }}
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
