import { type ComponentType, lazy, useState } from 'react';

/**
 * A component in a chunk of its own, with a `preload` to fetch the chunk ahead of need. React's
 * `lazy` suspends on its first render even when the chunk is already in, and React then keeps the
 * fallback for its reveal throttle (300 ms): opening the map tab waited that long for a chunk the
 * page had prefetched. Once the module is in, this renders it at once. Each use decides on its
 * first render and keeps that component, so a mounted view is never swapped for another type
 * (which would remount it and lose its state). Call it at module level only, as `lazy`.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  const preload = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per view at module level, as React's own lazy() is.
  function LazyView(props: P) {
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return { View: LazyView, preload };
}
