# Building and installing casemark. `make install` builds a release binary and installs it with
# its shell completions and man page; PREFIX and DESTDIR work as usual:
#
#   make install                        # into /usr/local (may need sudo)
#   make install PREFIX=$HOME/.local    # into your home; put ~/.local/bin on PATH
#   make uninstall PREFIX=$HOME/.local
#
# swift build does the building; this file only copies what it builds.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man/man1
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d
SWIFT ?= swift

RELEASE_BINARY = .build/release/casemark
COMPLETIONS = .build/completions

.PHONY: all build completions install uninstall man test

all: build

# On Linux the binary carries the Swift runtime and Foundation (--static-swift-stdlib): it runs
# where no Swift toolchain is installed, and starts in about two thirds of the time.
ifeq ($(shell uname -s),Linux)
STATIC_STDLIB ?= --static-swift-stdlib
endif

build:
	$(SWIFT) build -c release $(STATIC_STDLIB) --product casemark

# The completion scripts, written by the binary itself (swift-argument-parser), so they always
# match its subcommands, options and values.
completions: build
	mkdir -p $(COMPLETIONS)
	$(RELEASE_BINARY) --generate-completion-script bash > $(COMPLETIONS)/casemark.bash
	$(RELEASE_BINARY) --generate-completion-script zsh > $(COMPLETIONS)/_casemark
	$(RELEASE_BINARY) --generate-completion-script fish > $(COMPLETIONS)/casemark.fish

install: build completions
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(BASH_COMPLETION_DIR)" \
		"$(DESTDIR)$(ZSH_COMPLETION_DIR)" "$(DESTDIR)$(FISH_COMPLETION_DIR)"
	install -m 755 $(RELEASE_BINARY) "$(DESTDIR)$(BINDIR)/casemark"
	install -m 644 docs/casemark.1 "$(DESTDIR)$(MANDIR)/casemark.1"
	install -m 644 $(COMPLETIONS)/casemark.bash "$(DESTDIR)$(BASH_COMPLETION_DIR)/casemark"
	install -m 644 $(COMPLETIONS)/_casemark "$(DESTDIR)$(ZSH_COMPLETION_DIR)/_casemark"
	install -m 644 $(COMPLETIONS)/casemark.fish "$(DESTDIR)$(FISH_COMPLETION_DIR)/casemark.fish"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/casemark" "$(DESTDIR)$(MANDIR)/casemark.1" \
		"$(DESTDIR)$(BASH_COMPLETION_DIR)/casemark" "$(DESTDIR)$(ZSH_COMPLETION_DIR)/_casemark" \
		"$(DESTDIR)$(FISH_COMPLETION_DIR)/casemark.fish"

# Regenerates docs/casemark.1 from the commands' help (swift-argument-parser's generate-manual
# plugin; it works offline). Dated by the last commit, so regenerating an unchanged tree gives
# the same file. HelpAndManualTests fails when the page misses a command, option or value.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)
man:
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE)
	mkdir -p docs
	cp .build/plugins/GenerateManual/outputs/casemark/casemark.1 docs/casemark.1

test:
	$(SWIFT) test
