import { deleteSelection } from '../../store/actions';
import { useDocumentStore } from '../../store/document-store';
import { selectComponent, selectSubscription } from '../../store/selectors';
import { selectSelection, selectSingleComponent, selectSingleSubscription, useUi } from '../../store/ui-store';
import { Icon } from '../shell/icons';
import { ComponentInspector } from './component-inspector';
import { NextRunNote } from './next-run-note';
import { SubscriptionInspector } from './subscription-inspector';
import { TopologySettings } from './topology-settings';
import './inspector.css';

function MultiSelection({ components, subscriptions }: { components: number; subscriptions: number }) {
  const parts = [components ? `${components} component${components === 1 ? '' : 's'}` : '', subscriptions ? `${subscriptions} subscription${subscriptions === 1 ? '' : 's'}` : ''].filter(Boolean);
  return (
    <div className="inspector-body" data-testid="inspector.multi">
      <header className="inspector-title">
        <div>
          <div className="inspector-kind">Selection</div>
          <div className="inspector-name">{parts.join(' and ')}</div>
        </div>
      </header>
      <p className="muted inspector-note">
        <kbd>Ctrl</kbd>+<kbd>C</kbd> copies the selected components with the subscriptions between them; <kbd>Delete</kbd> removes everything selected.
      </p>
      <div className="inspector-footer">
        <button type="button" className="btn btn-danger btn-sm" data-testid="inspector.delete" onClick={deleteSelection}>
          <Icon name="trash" size={14} /> Delete selection
        </button>
      </div>
    </div>
  );
}

/** The right-hand panel: what is selected, or the topology settings when nothing is. */
export function Inspector() {
  const selection = useUi(selectSelection);
  const componentId = useUi(selectSingleComponent);
  const subscriptionId = useUi(selectSingleSubscription);
  const component = useDocumentStore(selectComponent(componentId));
  const subscription = useDocumentStore(selectSubscription(subscriptionId));
  let body;
  if (component) body = <ComponentInspector key={component.id} component={component} />;
  else if (subscription) body = <SubscriptionInspector key={subscription.id} subscription={subscription} />;
  else if (selection.components.length + selection.subscriptions.length > 1) {
    body = <MultiSelection components={selection.components.length} subscriptions={selection.subscriptions.length} />;
  } else body = <TopologySettings />;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <NextRunNote />
      {body}
    </aside>
  );
}
