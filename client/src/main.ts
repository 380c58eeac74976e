import { startViewer } from "./app.ts";
import { resolveViewerSettings } from "./settings.ts";
import "./styles.css";

const root = document.getElementById("app");
if (!root) throw new Error("#app container missing");
startViewer(root, resolveViewerSettings()).catch((error: unknown) => console.error(error));
