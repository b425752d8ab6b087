// Reads a words file (@remotion/captions Caption[]) and prints the pages createTikTokStyleCaptions makes
// of it, as JSON. The window is wide on purpose: pages must end where our captions end (pageBreakAfter),
// not where the window does.
const fs = require("fs");
const { createTikTokStyleCaptions } = require("@remotion/captions");
const captions = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { pages } = createTikTokStyleCaptions({ captions, combineTokensWithinMilliseconds: 60000 });
process.stdout.write(JSON.stringify(pages));
