// The guestbook page: a form and the list of entries, kept as one comma-separated value under the
// key "messages" through the frontend's /guestbook.php API, as the original example stores them.

export function guestbookPage(tag: string): string {
  const title = tag === 'v2' ? 'Guestbook v2' : 'Guestbook';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-weight: 600; }
form { display: flex; gap: .5rem; }
input { flex: 1; padding: .4rem; }
li { padding: .25rem 0; border-bottom: 1px solid #ddd; list-style: none; }
#status { color: #666; font-size: .9rem; }
</style>
</head>
<body>
<h1>${title}</h1>
<form id="entry-form">
  <input id="entry" name="entry" placeholder="Write something" autocomplete="off">
  <button type="submit">Submit</button>
</form>
<p id="status"></p>
<ul id="entries"></ul>
<script>
// A reply that is not JSON (a page unloading, a backend restarting) shows as a status line, not an error.
const api = (params) =>
  fetch('guestbook.php?' + new URLSearchParams(params))
    .then((r) => r.json())
    .catch((err) => ({ error: String(err) }));
let entries = [];
function render() {
  const list = document.getElementById('entries');
  list.replaceChildren(...entries.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}
async function load() {
  const reply = await api({ cmd: 'get', key: 'messages' });
  if (reply.error) return void (document.getElementById('status').textContent = 'Could not load the messages: ' + reply.error);
  entries = (reply.data || '').split(',').filter(Boolean);
  render();
}
document.getElementById('entry-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('entry');
  if (!input.value) return;
  entries.push(input.value);
  input.value = '';
  render();
  const reply = await api({ cmd: 'set', key: 'messages', value: ',' + entries.join(',') });
  document.getElementById('status').textContent = reply.message || reply.error || '';
});
load();
setInterval(load, 5000);
</script>
</body>
</html>
`;
}
