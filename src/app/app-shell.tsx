import { Link, Outlet } from '@tanstack/react-router';
import { Database } from 'lucide-react';
import { embeddedPortalTitle } from '../lib/portal';
import styles from './app-shell.module.css';

export function AppShell() {
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link to="/" className={styles.brand}>
          <Database aria-hidden size={20} />
          <span>{embeddedPortalTitle()}</span>
        </Link>
      </header>
      <main className={styles.main}>
        <Outlet />
      </main>
    </div>
  );
}
