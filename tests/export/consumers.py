"""Reads an exported file with the tool an analyst would use, and prints what that tool saw as JSON.

Run by tests/export with Debian's /usr/bin/python3 (NetworkX 2.8, python-igraph). A missing module
is an ImportError and a non-zero exit: the calling test fails, it never skips.

    consumers.py <reader> <file>
    consumers.py batch <file listing [[reader, file], ...] as JSON>

readers: gexf, gexf-1.3, graphml (NetworkX), igraph-graphml, node-link (NetworkX), csv, zip. The
batch form reads many files in one process (one interpreter start, one import of each library) and
prints the list of readings in the same order.
"""

import csv
import json
import math
import sys
import zipfile


def clean(value):
    """JSON-safe values: igraph fills missing numbers with NaN, which JSON cannot hold."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def networkx_graph(graph):
    import networkx

    edges = []
    if graph.is_multigraph():
        for source, target, key, data in graph.edges(keys=True, data=True):
            edges.append({"source": source, "target": target, "key": key, "data": data})
    else:
        for source, target, data in graph.edges(data=True):
            edges.append({"source": source, "target": target, "key": None, "data": data})
    return {
        "reader": "networkx " + networkx.__version__,
        "class": type(graph).__name__,
        "directed": graph.is_directed(),
        "graph": graph.graph,
        "nodes": [{"id": node, "data": data} for node, data in graph.nodes(data=True)],
        "edges": edges,
    }


def read_gexf(path):
    """The default export, read as any NetworkX user would: no arguments, no setup."""
    import networkx

    return networkx_graph(networkx.read_gexf(path))


def read_gexf_13(path):
    import networkx
    from networkx.readwrite import gexf

    # NetworkX before 3.6 knows GEXF 1.1draft and 1.2draft only; 3.6 added 1.3 with exactly this
    # entry (networkx PR #8196). Registering it is what a 2.8 user does to read GEXF 1.3.
    gexf.GEXF.versions.setdefault(
        "1.3",
        {
            "NS_GEXF": "http://gexf.net/1.3",
            "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3",
        },
    )
    return networkx_graph(networkx.read_gexf(path, version="1.3"))


def read_graphml(path):
    import networkx

    return networkx_graph(networkx.read_graphml(path, force_multigraph=True))


def read_igraph_graphml(path):
    import igraph

    graph = igraph.Graph.Read_GraphML(path)
    nodes = [{"id": vertex["id"], "data": vertex.attributes()} for vertex in graph.vs]
    edges = [
        {
            "source": graph.vs[edge.source]["id"],
            "target": graph.vs[edge.target]["id"],
            "data": edge.attributes(),
        }
        for edge in graph.es
    ]
    return {
        "reader": "igraph " + igraph.__version__,
        "directed": graph.is_directed(),
        "nodes": nodes,
        "edges": edges,
    }


def read_node_link(path):
    from networkx.readwrite import json_graph

    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    # No arguments: the defaults of this NetworkX version decide which edge list it reads.
    return networkx_graph(json_graph.node_link_graph(data))


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file, strict=True))
    return {"reader": "python csv", "header": rows[0], "rows": rows[1:]}


def read_zip(path):
    with zipfile.ZipFile(path) as archive:
        broken = archive.testzip()
        return {
            "reader": "python zipfile",
            "broken": broken,
            "files": {info.filename: archive.read(info).decode("utf-8") for info in archive.infolist()},
        }


READERS = {
    "gexf": read_gexf,
    "gexf-1.3": read_gexf_13,
    "graphml": read_graphml,
    "igraph-graphml": read_igraph_graphml,
    "node-link": read_node_link,
    "csv": read_csv,
    "zip": read_zip,
}



def read_batch(path):
    with open(path, encoding="utf-8") as file:
        pairs = json.load(file)
    return [READERS[reader](file_path) for reader, file_path in pairs]


if __name__ == "__main__":
    reader, path = sys.argv[1], sys.argv[2]
    read = read_batch if reader == "batch" else READERS[reader]
    json.dump(clean(read(path)), sys.stdout, ensure_ascii=False)
