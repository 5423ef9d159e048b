/// <reference types="vite/client" />
import type { PreloadBridge } from '../src-main/contract';

declare global {
  interface Window {
    /** Present only inside the Electron app (the sandboxed preload's bridge). */
    driverlab?: PreloadBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
