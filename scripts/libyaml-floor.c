/* The floor under `flagaudit check`: libyaml's parser run over entry files and nothing else
 * (no tree, no strings, no rules). `scripts/bench --floor` builds it against the libyaml that
 * Yams vendors and runs one copy per core over the same files as `check`.
 * usage: libyaml-floor < list-of-paths */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yaml.h"

int main(void) {
    static unsigned char buffer[1 << 24];
    char path[4096];
    long events = 0;
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        FILE *file = fopen(path, "rb");
        if (!file) continue;
        size_t count = fread(buffer, 1, sizeof buffer, file);
        fclose(file);
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, buffer, count);
        for (;;) {
            if (!yaml_parser_parse(&parser, &event)) break;
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&parser);
    }
    printf("%ld\n", events);
    return 0;
}
