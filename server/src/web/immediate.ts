// setImmediate for a web worker, which has none: the server's checks run on "the
// next turn" and yield between slices (service/checker.ts, providers/). A
// MessageChannel turn, unlike setTimeout(0), is not clamped to 4 ms.

type Callback = (...args: unknown[]) => void;

export function installImmediate(scope: { setImmediate?: unknown; clearImmediate?: unknown }): void {
  if (typeof scope.setImmediate === 'function') return;
  const channel = new MessageChannel();
  const queue = new Map<number, () => void>();
  let next = 1;
  channel.port1.onmessage = (e: MessageEvent<number>) => {
    const run = queue.get(e.data);
    queue.delete(e.data);
    run?.();
  };
  scope.setImmediate = (fn: Callback, ...args: unknown[]): number => {
    const id = next++;
    queue.set(id, () => fn(...args));
    channel.port2.postMessage(id);
    return id;
  };
  scope.clearImmediate = (id: number): void => {
    queue.delete(id);
  };
}
