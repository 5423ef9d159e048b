import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../../src-main/contract';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
  action?: { label: string; run: () => void | Promise<void> };
}

export const useNotifications = defineStore('notifications', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function show(kind: Toast['kind'], message: string, action?: Toast['action'], timeoutMs = 8000): number {
    const id = nextId++;
    toasts.value = [...toasts.value.slice(-3), { id, kind, message, action }];
    if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
    return id;
  }

  function error(cause: unknown): void {
    const message = cause instanceof ApiError || cause instanceof Error ? cause.message : String(cause);
    show('error', message, undefined, 12000);
  }

  return { toasts, show, error, dismiss };
});
