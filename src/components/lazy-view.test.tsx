import { Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyView } from './lazy-view';

function Hello({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

const page = (View: (props: { name: string }) => React.ReactNode) =>
  renderToString(
    <Suspense fallback={<p>loading</p>}>
      <View name="map" />
    </Suspense>,
  );

describe('lazyView', () => {
  it('suspends while its chunk is out, as lazy() does', () => {
    const { View } = lazyView(() => Promise.resolve(Hello));
    expect(page(View)).toContain('loading');
  });

  it('renders at once, without suspending, once preloaded', async () => {
    let loads = 0;
    const { View, preload } = lazyView(() => {
      loads++;
      return Promise.resolve(Hello);
    });
    await preload();
    expect(page(View)).toContain('hello <!-- -->map');
    expect(page(View)).not.toContain('loading');
    expect(loads).toBe(1);
  });
});
