/** The console's one stylesheet, served from /console/assets/console.css (no external fonts or images). */
export const CONSOLE_CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --bg: #fff; --line: #d0d7de; --accent: #0a58ca; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #ff9f1c; outline-offset: 2px; }
tr.kb-focus { outline: 3px solid #ff9f1c; outline-offset: -3px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5em; }
.skip:focus { left: .5em; z-index: 10; }
header.top { display: flex; gap: 1em; align-items: center; padding: .6em 1em; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
.spacer { flex: 1; }
.langs ul, .tabs ul { list-style: none; margin: 0; padding: 0; display: flex; gap: .4em; flex-wrap: wrap; }
.lang-current { font-weight: 700; }
.who { color: var(--muted); }
form.inline { display: inline; }
button { font: inherit; padding: .35em .9em; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0; }
input, select, textarea { font: inherit; padding: .3em .4em; border: 1px solid #8c959f; border-radius: 4px; max-width: 100%; }
main { padding: 1em; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.4em; margin: .2em 0 .6em; }
h2 { font-size: 1.15em; margin: 1em 0 .4em; }
h3 { font-size: 1em; margin: .2em 0 .4em; }
.muted, small.muted { color: var(--muted); }
.alert { padding: .6em .9em; border-radius: 4px; border: 1px solid var(--line); background: var(--soft); }
.alert.error { border-color: var(--bad); background: #ffebe9; }
.alert.ok { border-color: var(--ok); background: #dafbe1; }
.alert.warn { border-color: var(--warn); background: #fff8c5; }
.signin { max-width: 34em; }
.stack { display: flex; flex-direction: column; gap: .35em; align-items: flex-start; }
.stack textarea, .stack input:not([type=radio]):not([type=checkbox]), .stack select { width: 100%; }
fieldset { border: 1px solid var(--line); border-radius: 4px; width: 100%; }
label.check { display: inline-flex; gap: .35em; align-items: center; margin-right: 1em; }
.filters { display: flex; flex-wrap: wrap; gap: .8em; align-items: end; padding: .6em; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; }
.filters label { display: flex; flex-direction: column; font-size: .9em; }
.filters label.check { flex-direction: row; }
.tabs { margin: .8em 0; }
.tab { display: inline-block; padding: .3em .8em; border: 1px solid var(--line); border-radius: 4px; text-decoration: none; }
.tab.current { background: var(--accent); color: #fff; border-color: var(--accent); }
.tab .count { font-weight: 700; }
table.queue { width: 100%; border-collapse: collapse; }
table.queue th, table.queue td { text-align: left; padding: .35em .5em; border-bottom: 1px solid var(--line); vertical-align: top; }
table.queue tr.new { animation: flash 2.5s ease-out; }
@keyframes flash { from { background: #fff8c5; } to { background: transparent; } }
.prio-urgent td:first-child { border-left: 4px solid var(--bad); }
.prio-high td:first-child { border-left: 4px solid var(--warn); }
.badge { display: inline-block; min-width: 1.3em; text-align: center; border-radius: 1em; background: var(--warn); color: #fff; font-size: .8em; }
.status { padding: .05em .45em; border-radius: 3px; background: var(--soft); border: 1px solid var(--line); white-space: nowrap; }
.status-resolved, .status-closed { color: var(--ok); }
.sla { white-space: nowrap; }
.sla-overdue { color: var(--bad); font-weight: 700; }
.sla-paused, .sla-stopped { color: var(--muted); }
.sla-met { color: var(--ok); }
.live-note { color: var(--muted); font-size: .9em; }
.ticket-grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(18em, 1fr); gap: 1.5em; }
@media (max-width: 900px) { .ticket-grid { grid-template-columns: 1fr; } }
.tid { color: var(--muted); }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2em .8em; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; overflow-wrap: break-word; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(20em, 1fr)); gap: .8em; margin: 1em 0; }
.panel { border: 1px solid var(--line); border-radius: 4px; padding: .6em .8em; }
.panel h2 { margin-top: 0; }
ol.messages, ol.events { list-style: none; padding: 0; margin: 0; }
.message { border: 1px solid var(--line); border-radius: 4px; padding: .5em .8em; margin-bottom: .6em; }
.message.out { background: var(--soft); }
.message .meta { margin: 0 0 .3em; color: var(--muted); font-size: .9em; display: flex; flex-wrap: wrap; gap: .6em; }
.message .kind { font-family: ui-monospace, monospace; }
.msg-subject { font-weight: 600; margin: 0 0 .3em; }
pre.body { white-space: pre-wrap; word-break: break-word; font: inherit; margin: 0; }
ol.events li { padding: .25em 0; border-bottom: 1px dotted var(--line); }
ol.events .data { display: block; color: var(--muted); font-size: .9em; word-break: break-word; }
.actions form { border: 1px solid var(--line); border-radius: 4px; padding: .6em .8em; margin-bottom: .8em; }
footer.keys { color: var(--muted); font-size: .85em; padding: .5em 1em; border-top: 1px solid var(--line); }
footer.keys.show { background: #fff8c5; color: var(--fg); }
`;
