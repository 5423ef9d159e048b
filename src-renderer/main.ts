import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { setTransport } from './api';
import { findTransport } from './api/transport';
import { createAppRouter } from './router';
import './styles.css';

setTransport(findTransport());
createApp(App).use(createPinia()).use(createAppRouter()).mount('#app');
