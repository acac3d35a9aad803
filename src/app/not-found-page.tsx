import { Link } from '@tanstack/react-router';
import { EmptyState } from '../components/states';

export function NotFoundPage() {
  return (
    <EmptyState title="This page does not exist">
      <p>
        The address may be mistyped. <Link to="/">Go to the catalog</Link>.
      </p>
    </EmptyState>
  );
}
