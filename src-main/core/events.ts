import type { EventMap, EventName } from '../contract/events';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Fan-out of pushed events to whatever transports are attached (IPC windows, SSE clients, CLI listeners). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
