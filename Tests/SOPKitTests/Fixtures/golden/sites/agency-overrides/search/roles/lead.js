/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).view = {
"folder": "roles/lead/",
"titles": [
["workflows","Enabling workflows"]
],
"common": [],
"own": [
["workflows","","","Raw HTML is kept because this pack opts in. Before enabling: Trigger defined Owner named Approvers only. Nested: lead only. Visit Agency overrides."]
]
};
