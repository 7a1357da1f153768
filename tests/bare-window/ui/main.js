// One round trip over IPC, then a few DOM nodes, then "ready": what Rapport's first
// screen does, less the diary.
const { invoke } = window.__TAURI__.core;
const list = document.getElementById('list');
for (const name of ['one', 'two', 'three']) {
  const item = document.createElement('li');
  item.textContent = name;
  list.append(item);
}
invoke('ready');
