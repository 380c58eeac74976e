import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Multi-page build rooted at client/. Each HTML entry keeps its path relative to
// the root, so client/index.html (the viewer) is emitted as dist/index.html,
// client/graphiql/index.html as dist/graphiql/index.html, and shared bundles land
// in dist/assets/.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  // `npm run dev`: the viewer with hot reload; the API and exports come from `npm start` on port 4000.
  server: {
    proxy: {
      "/graphql": "http://127.0.0.1:4000",
      "/export": "http://127.0.0.1:4000",
      "/events": "http://127.0.0.1:4000",
    },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // Monaco (used by GraphiQL) is inherently ~2.8 MB minified; don't warn about it.
    chunkSizeWarningLimit: 3000,
    // `rolldownOptions` is Vite 8's name for the deprecated `rollupOptions` alias.
    rolldownOptions: {
      input: {
        viewer: fileURLToPath(new URL("./index.html", import.meta.url)),
        graphiql: fileURLToPath(new URL("./graphiql/index.html", import.meta.url)),
        review: fileURLToPath(new URL("./review/index.html", import.meta.url)),
      },
      onwarn(warning, defaultHandler) {
        // GraphiQL's React-compiler output carries "use no memo" directives; harmless when bundled.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        defaultHandler(warning);
      },
    },
  },
  worker: {
    // Monaco's language workers are bundled as separate ES-module worker files.
    format: "es",
  },
});
