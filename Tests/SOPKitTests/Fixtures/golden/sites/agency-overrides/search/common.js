/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).common = [

];
