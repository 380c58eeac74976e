"""Times NetworkX writing a graph to GEXF and GraphML, for bench/export.ts.

    /usr/bin/python3 bench/networkx_write.py <node-link.json> <output folder>

Loads our node-link export, turns list and dict attributes into JSON text (as our writers do:
NetworkX's writers refuse lists), then times only nx.write_gexf and nx.write_graphml. Prints JSON.
"""

import json
import os
import sys
import time

import networkx
from networkx.readwrite import json_graph

source, folder = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as file:
    data = json.load(file)
graph = json_graph.node_link_graph(data)


def flatten(attributes):
    for key, value in list(attributes.items()):
        if isinstance(value, (list, dict)):
            attributes[key] = json.dumps(value, ensure_ascii=False)
        elif value is None:
            del attributes[key]


for _, attributes in graph.nodes(data=True):
    flatten(attributes)
for _, _, attributes in graph.edges(data=True):
    flatten(attributes)
graph.graph = {"name": "peacegraph"}

results = {"networkx": networkx.__version__, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
for name, write in (("gexf", networkx.write_gexf), ("graphml", networkx.write_graphml)):
    path = os.path.join(folder, "networkx." + name)
    started = time.perf_counter()
    write(graph, path)
    results[name] = {"seconds": time.perf_counter() - started, "bytes": os.path.getsize(path)}
print(json.dumps(results))
