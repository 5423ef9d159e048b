import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import ExperimentsView from './views/ExperimentsView.vue';
import WindowsView from './views/WindowsView.vue';
import NotesView from './views/NotesView.vue';
import MatrixView from './views/MatrixView.vue';
import DumpsView from './views/DumpsView.vue';
import StacksView from './views/StacksView.vue';
import DriversView from './views/DriversView.vue';

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/experiments' },
  { path: '/experiments/:id?', name: 'experiments', component: ExperimentsView, props: true },
  { path: '/windows', name: 'windows', component: WindowsView },
  { path: '/notes/:id?', name: 'notes', component: NotesView, props: true },
  { path: '/matrix', name: 'matrix', component: MatrixView },
  { path: '/dumps/:id?', name: 'dumps', component: DumpsView, props: true },
  { path: '/stacks/:id?', name: 'stacks', component: StacksView, props: true },
  { path: '/drivers/:id?', name: 'drivers', component: DriversView, props: true },
  // An address from an older version or a typo lands on the start page rather than a blank one.
  { path: '/:unknown(.*)*', redirect: '/experiments' },
];

/** Hash history: the same URLs work from Electron's file:// page and from `driverlab serve`. */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
