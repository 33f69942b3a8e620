/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).view = {
"folder": "roles/agent/",
"titles": [
["replies","Support replies"]
],
"common": [1],
"own": [
["replies","steps","Steps","Open the order. Check nothing everything.1 Follow refunds when money moves. Check Who Facts Support agent Draft read in full Order opened See https://docs.example.com/support and https://example.org. Only agents see this: do not promise refunds."],
["replies","incidents","Incidents","As Support agent, escalate to Store manager. Incidents: incident steps. bad Because drafts can be wrong. ↩"]
]
};
