// Reads an SRT file and prints what @remotion/captions' own parseSrt makes of it, as JSON.
const fs = require("fs");
const { parseSrt } = require("@remotion/captions");
const input = fs.readFileSync(process.argv[2], "utf8");
process.stdout.write(JSON.stringify(parseSrt({ input }).captions));
