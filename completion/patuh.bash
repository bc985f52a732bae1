# patuh.bash — completion for the patuh command in bash: commands, each command's options
# (read from `patuh COMMAND --help`, so they cannot drift), shipped rubric ids (`patuh rubric
# list --ids`), the values of --format and --lang (from the usage line), and file names by
# extension. Installed as <prefix>/share/bash-completion/completions/patuh.

# Runs the patuh being completed, in English (option names and usage are not translated).
_patuh_run() {
    LC_ALL=C LANGUAGE= "$_patuh_bin" "$@" 2>/dev/null
}

# Adds the files whose names end in one of the extensions ("yaml yml"), and the folders, that
# begin with $cur.
_patuh_files() {
    local f e exts
    read -ra exts <<<"$1"
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    for f in $(compgen -f -- "$cur"); do
        if [[ -d $f ]]; then
            COMPREPLY+=("$f")
            continue
        fi
        for e in "${exts[@]}"; do
            [[ $f == *."$e" ]] && COMPREPLY+=("$f") && break
        done
    done
}

_patuh_words() {
    local IFS=$' \t\n'
    COMPREPLY+=($(compgen -W "$1" -- "$cur"))
}

_patuh_rubrics() {
    _patuh_words "$(_patuh_run rubric list --ids)"
    _patuh_files yaml
}

# The choices of an option as its usage line writes them: "[--format table|csv|json]".
_patuh_choices() {
    local help=$1 option=$2
    sed -n "s/.*\\[$option \\([a-z|]*|[a-z|]*\\)\\].*/\\1/p" <<<"$help" | head -n 1 | tr '|' ' '
}

# The extensions of what -o writes, and of the inputs, for each command.
_patuh_output_exts() {
    case $1 in
    score | gaps | compare) echo "csv json xlsx" ;;
    template) echo "xlsx yaml yml csv" ;;
    scan) echo "yaml yml xlsx" ;;
    esac
}

_patuh_input_exts() {
    case $1 in
    score | validate | gaps) echo "yaml yml csv xlsx" ;;
    compare) echo "json" ;;
    esac
}

# The argument of an option ($prev); returns 1 when $prev takes none.
_patuh_option_arg() {
    local cmd=$1 help=$2 choices
    case $prev in
    -r | --rubric) _patuh_rubrics ;;
    -o | --output) _patuh_files "$(_patuh_output_exts "$cmd")" ;;
    --agencies) _patuh_files "csv yaml yml" ;;
    --form) _patuh_files xlsx ;;
    --agency | --title | --office) ;; # an agency id or free text: nothing to offer
    --*)
        choices=$(_patuh_choices "$help" "$prev")
        [[ -n $choices ]] || return 1
        _patuh_words "$choices"
        ;;
    *) return 1 ;;
    esac
    return 0
}

# The words after `patuh rubric`: the action, then rubric files or ids.
_patuh_rubric_args() {
    local action=$1
    case $action in
    "") _patuh_words "check show list" ;;
    check) _patuh_files yaml ;;
    show) [[ $2 == 0 ]] && _patuh_rubrics ;;
    esac
}

_patuh() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local _patuh_bin=${COMP_WORDS[0]} cmd="" i args=() help
    COMPREPLY=()
    # "--format=js" comes as "--format" "=" "js"
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -* | =) ;;
        *) [[ -z $cmd ]] && cmd=${COMP_WORDS[i]} || args+=("${COMP_WORDS[i]}") ;;
        esac
    done
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            _patuh_words "--help --version"
        else
            _patuh_words "$(_patuh_run --help | awk '/^  [a-z]+ /{print $1}') help"
        fi
        return 0
    fi
    if [[ $cmd == help ]]; then
        ((${#args[@]} == 0)) && _patuh_words "$(_patuh_run --help | awk '/^  [a-z]+ /{print $1}')"
        return 0
    fi
    help=$(_patuh_run "$cmd" --help) || return 0 # not a command
    _patuh_option_arg "$cmd" "$help" && return 0
    if [[ $cur == -* ]]; then
        _patuh_words "$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)"
    elif [[ $cmd == rubric ]]; then
        _patuh_rubric_args "${args[0]-}" $((${#args[@]} - 1))
    else
        _patuh_files "$(_patuh_input_exts "$cmd")"
    fi
    return 0
}

complete -F _patuh patuh
