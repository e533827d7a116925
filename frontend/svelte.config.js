// Plain Svelte 5 (not SvelteKit): see README.md for why.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    runes: true,
  },
};
