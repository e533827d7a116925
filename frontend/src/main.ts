// Starts the app. Everything the page loads is an external file from our own origin: the
// server's Content-Security-Policy allows nothing else.

import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, { target });
