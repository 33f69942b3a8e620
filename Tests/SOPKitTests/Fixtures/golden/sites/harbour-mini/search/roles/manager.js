/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).view = {
"folder": "roles/manager/",
"titles": [
["refunds","Refunds"],
["replies","Support replies"]
],
"common": [0,1],
"own": [
["refunds","approving","Approving","Read the diff. Back to replies or this section."],
["replies","steps","Steps","Open the order. Check nothing everything.1 Follow refunds when money moves. Check Who Facts Store manager Draft read in full Order opened See https://docs.example.com/support and https://example.org. Managers and admins see this."],
["replies","incidents","Incidents","As Store manager, escalate to Site administrator. Incidents: incident steps. bad Because drafts can be wrong. ↩"]
]
};
