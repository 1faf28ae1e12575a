/// The benchmark's floor: the least work a report of an inspection folder must do, in plain C.
///
/// Reads every case file of `FOLDER/cases` and counts, for each key question, the judgements
/// "yes" and the applicable ones ("yes" + "no"), by one scan of the bytes that skips strings and
/// tracks nesting: a judgement is the string value at `answers.<key question>.judgement`, so the
/// same words in a history entry or a note are not counted. It checks nothing, builds no tree and
/// rates nothing; it is what a report cannot go below, not a JSON reader. Single-threaded.
///
/// Usage: floor FOLDER. Prints "number yes applicable" for each key question, sorted, and then
/// "cases N". The bench compiles it with `cc -O2` (see main.swift) and checks its counts against
/// casemark's report before timing it.
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SLOTS = 1024, NUMBER_MAX = 32 };

/// One key question's counts, in an open-addressing table keyed by its number.
struct tally {
    char number[NUMBER_MAX];
    size_t length;
    long yes;
    long applicable;
};

static struct tally table[SLOTS];
static int used;

/// The tally of the key question `number` (`length` bytes), added on first sight.
static struct tally *tally_for(const unsigned char *number, size_t length) {
    if (length >= NUMBER_MAX) return NULL;
    unsigned hash = 2166136261u;
    for (size_t i = 0; i < length; i++) hash = (hash ^ number[i]) * 16777619u;
    for (unsigned probe = 0; probe < SLOTS; probe++) {
        struct tally *slot = &table[(hash + probe) % SLOTS];
        if (slot->length == 0) {
            if (used >= SLOTS / 2) return NULL;
            memcpy(slot->number, number, length);
            slot->number[length] = '\0';
            slot->length = length;
            used++;
            return slot;
        }
        if (slot->length == length && memcmp(slot->number, number, length) == 0) return slot;
    }
    return NULL;
}

/// The end of the string whose opening quote is at `p` (the index of its closing quote): the
/// next quote not escaped, found with memchr, as most of a case file's bytes are inside strings.
static size_t string_end(const unsigned char *bytes, size_t size, size_t p) {
    size_t i = p + 1;
    while (i < size) {
        const unsigned char *quote = memchr(bytes + i, '"', size - i);
        if (!quote) return size;
        size_t at = (size_t)(quote - bytes);
        size_t backslashes = 0;
        while (at - backslashes > p + 1 && bytes[at - backslashes - 1] == '\\') backslashes++;
        if (backslashes % 2 == 0) return at;
        i = at + 1;
    }
    return size;
}

static int equals(const unsigned char *bytes, size_t start, size_t end, const char *word) {
    size_t length = strlen(word);
    return end - start == length && memcmp(bytes + start, word, length) == 0;
}

/// Counts the judgements of one case file's bytes.
static void scan(const unsigned char *bytes, size_t size) {
    int depth = 0;
    // The key being read at depths 1 to 3, as [start, end) offsets, and whether the next string
    // is a key (in an object, before its colon) or a value.
    size_t key_start[4] = {0}, key_end[4] = {0};
    int in_answers = 0;  // depth 2 is the answers object
    int expecting_key = 0;
    int is_object[64] = {0};
    for (size_t i = 0; i < size; i++) {
        unsigned char c = bytes[i];
        switch (c) {
        case '"': {
            size_t end = string_end(bytes, size, i);
            if (expecting_key && depth >= 1 && depth <= 3) {
                key_start[depth] = i + 1;
                key_end[depth] = end;
            } else if (!expecting_key && depth == 3 && in_answers
                       && equals(bytes, key_start[3], key_end[3], "judgement")) {
                struct tally *tally = tally_for(bytes + key_start[2], key_end[2] - key_start[2]);
                if (tally) {
                    if (equals(bytes, i + 1, end, "yes")) { tally->yes++; tally->applicable++; }
                    else if (equals(bytes, i + 1, end, "no")) tally->applicable++;
                }
            }
            i = end;
            break;
        }
        case '{':
        case '[':
            if (depth == 1 && c == '{') in_answers = equals(bytes, key_start[1], key_end[1], "answers");
            depth++;
            if (depth < 64) is_object[depth] = c == '{';
            expecting_key = c == '{';
            break;
        case '}':
        case ']':
            depth--;
            if (depth == 1) in_answers = 0;
            expecting_key = 0;
            break;
        case ':':
            expecting_key = 0;
            break;
        case ',':
            expecting_key = depth > 0 && depth < 64 && is_object[depth];
            break;
        default:
            break;
        }
    }
}

static int by_number(const void *a, const void *b) {
    return strcmp(((const struct tally *)a)->number, ((const struct tally *)b)->number);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor FOLDER\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/cases", argv[1]);
    DIR *folder = opendir(path);
    if (!folder) {
        perror(path);
        return 1;
    }
    int folder_fd = dirfd(folder);
    size_t capacity = 1 << 16;
    unsigned char *buffer = malloc(capacity);
    if (!buffer) return 1;
    long cases = 0;
    struct dirent *entry;
    while ((entry = readdir(folder))) {
        size_t length = strlen(entry->d_name);
        if (entry->d_name[0] == '.' || length < 6 || strcmp(entry->d_name + length - 5, ".json") != 0) continue;
        int fd = openat(folder_fd, entry->d_name, O_RDONLY);
        if (fd < 0) continue;
        struct stat info;
        if (fstat(fd, &info) == 0 && (size_t)info.st_size > capacity) {
            capacity = (size_t)info.st_size;
            unsigned char *bigger = realloc(buffer, capacity);
            if (!bigger) return 1;
            buffer = bigger;
        }
        size_t size = 0;
        ssize_t got;
        while (size < capacity && (got = read(fd, buffer + size, capacity - size)) > 0) size += (size_t)got;
        close(fd);
        scan(buffer, size);
        cases++;
    }
    closedir(folder);
    free(buffer);

    struct tally sorted[SLOTS];
    int count = 0;
    for (int i = 0; i < SLOTS; i++)
        if (table[i].length) sorted[count++] = table[i];
    qsort(sorted, (size_t)count, sizeof sorted[0], by_number);
    for (int i = 0; i < count; i++) printf("%s %ld %ld\n", sorted[i].number, sorted[i].yes, sorted[i].applicable);
    printf("cases %ld\n", cases);
    return 0;
}
