// `node dist/main.js` (npm start) runs the server. The server is src/main.ts; this file exists
// so that the built entry sits at the top of dist/, since adapters/ is compiled beside src/.
import './src/main.js';
